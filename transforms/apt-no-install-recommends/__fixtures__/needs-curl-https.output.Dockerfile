FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install --no-install-recommends -y curl ca-certificates \
 && curl -fsSL https://example.com/install.sh | sh \
 && rm -rf /var/lib/apt/lists/*
