FROM debian:bookworm
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get -o Dpkg::Use-Pty=0 install --no-install-recommends make \
 && apt-get purge gcc \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && cat /pkgs | xargs apt-get install --no-install-recommends && rm -rf /var/lib/apt/lists/*
