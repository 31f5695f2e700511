FROM debian:12
RUN apt-get update && \
    apt-get install -y curl
RUN curl --version && rm -rf /var/lib/apt/lists/*
