# A local stand-in for pgvector/pgvector:pg15 (the official postgres image's conventions):
# PostgreSQL 15 from Debian's packages. Debian 12 has no pgvector package, so the pipeline keeps
# its vectors as real[] here (see Migrations/002_pgvector_when_available.sql).
ARG DEBIAN_IMAGE=pipeline-local/debian:bookworm
FROM ${DEBIAN_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* \
 && pg_dropcluster 15 main \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown postgres:postgres /var/lib/postgresql/data /var/run/postgresql
COPY postgres-entrypoint /usr/local/bin/postgres-entrypoint
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
# A named volume mounted on PGDATA inherits the postgres user's ownership; no root needed at start.
USER postgres
EXPOSE 5432
# As the official image: SIGINT is PostgreSQL's fast shutdown.
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint"]
