FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends a && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -qqy install --no-install-recommends b && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -qq install --no-install-recommends c && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get --yes install --no-install-recommends d && rm -rf /var/lib/apt/lists/*
RUN apt-get update && yes | apt-get install --no-install-recommends e && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install $APT_FLAGS f && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -o APT::Get::Assume-Yes=true g && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get --assume-yes autoremove && rm -rf /var/lib/apt/lists/*
