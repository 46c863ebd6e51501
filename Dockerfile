# syntax=docker/dockerfile:1
# ClaudeProxy in a container: the build stage runs build/publish.sh (the script CI publishes with), the
# final image holds only the Native AOT binary on Microsoft's chiseled runtime-deps image (no shell, no
# package manager), running as a non-root user.
#
#   docker build --build-arg SOURCE_REVISION="$(git rev-parse HEAD)" -t claude-proxy .
#   docker run -d -p 3000:3000 -v claude-proxy-config:/app/.config claude-proxy

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
# Native AOT links with gcc; SQLite is linked in from libsqlite3-dev's static library.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev libsqlite3-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG SOURCE_REVISION=""
ARG SOURCE_DATE_EPOCH
RUN SOURCE_REVISION="${SOURCE_REVISION}" build/publish.sh --out /out native \
    && install -D -m 0755 /out/publish/linux-*/claude-proxy /app/claude-proxy \
    && install -d -m 0700 /app/.config

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
ARG VERSION=0.1.0
ARG SOURCE_REVISION=""
LABEL org.opencontainers.image.title="claude-proxy" \
      org.opencontainers.image.description="The Anthropic Messages API, OpenAI Chat Completions and Responses, and Gemini in front of your model accounts" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${SOURCE_REVISION}" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
COPY --from=build --chown=$APP_UID:$APP_UID /app /app
USER $APP_UID
ENV PORT=3000 \
    HOST=0.0.0.0 \
    ENV=production
EXPOSE 3000
# The config, the generated access key and the request log.
VOLUME ["/app/.config"]
# The image has no shell or curl: the binary probes its own /health.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ["/app/claude-proxy", "health"]
ENTRYPOINT ["/app/claude-proxy"]
