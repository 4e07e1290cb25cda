# A local stand-in for mcr.microsoft.com/dotnet/sdk:10.0: the local runtime image plus this
# machine's .NET SDK (the build context, staged by scripts/docker-base-images.sh). Packages are
# restored from NuGet inside the build, as with the official image.
ARG RUNTIME_IMAGE=pipeline-local/dotnet-aspnet:10.0
FROM ${RUNTIME_IMAGE}
COPY sdk/ /usr/share/dotnet/sdk/
COPY sdk-manifests/ /usr/share/dotnet/sdk-manifests/
COPY packs/ /usr/share/dotnet/packs/
COPY templates/ /usr/share/dotnet/templates/
# As on this machine (the script passes its setting): where revocation lists cannot be fetched,
# NuGet checks package signatures offline.
ARG NUGET_CERT_REVOCATION_MODE=online
ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \
    NUGET_XMLDOC_MODE=skip
