FROM ubuntu:22.04
# Toolchain: é non-ASCII before the edit
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update \
    && apt-get -qq install -y --no-install-recommends \
        build-essential \
        git \
    && git --version \
    && rm -rf /var/lib/apt/lists/*
