FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --install-recommends texlive && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install $APT_OPTS vim && rm -rf /var/lib/apt/lists/*
RUN sh -c "apt-get update && apt-get install -y nano"
