# A local stand-in for mcr.microsoft.com/dotnet/aspnet:10.0: Debian bookworm, the libraries .NET
# needs from Debian's mirror, and the ASP.NET Core and .NET runtimes copied from this machine's own
# .NET install (the build context, staged by scripts/docker-base-images.sh). It trusts the same
# local certificate authorities as this machine (/usr/local/share/ca-certificates, e.g. a
# TLS-inspecting proxy's), so NuGet restores inside containers work wherever they do on the host.
ARG DEBIAN_IMAGE=pipeline-local/debian:bookworm
FROM ${DEBIAN_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates libicu72 tzdata \
 && rm -rf /var/lib/apt/lists/*
COPY local-ca-certificates/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null
COPY dotnet /usr/share/dotnet/dotnet
COPY host/ /usr/share/dotnet/host/
COPY shared/ /usr/share/dotnet/shared/
# The official image's user and conventions, which the service Dockerfiles rely on.
ENV APP_UID=1654 \
    ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_ROOT=/usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && groupadd --gid "$APP_UID" app \
 && useradd --uid "$APP_UID" --gid app --no-create-home --shell /bin/false app
