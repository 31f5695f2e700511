FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -o Dpkg::Use-Pty=0 install -y --no-install-recommends make \
 && apt-get purge -y gcc \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && cat /pkgs | xargs apt-get install -y --no-install-recommends && rm -rf /var/lib/apt/lists/*
