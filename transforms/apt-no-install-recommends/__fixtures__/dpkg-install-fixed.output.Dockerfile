FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends -y wget libnss3 ca-certificates \
    && wget -q https://example.com/tool.deb && (dpkg -i tool.deb || apt-get install --no-install-recommends -fy) \
    && rm tool.deb && rm -rf /var/lib/apt/lists/*
