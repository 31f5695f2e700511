FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y curl \
 && curl -fsSL https://example.com/install.sh | sh \
 && rm -rf /var/lib/apt/lists/*
