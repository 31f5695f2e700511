FROM debian:bookworm AS lint
RUN apt-get update && apt-get install -y shellcheck curl && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN shellcheck /src/*.sh

FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
