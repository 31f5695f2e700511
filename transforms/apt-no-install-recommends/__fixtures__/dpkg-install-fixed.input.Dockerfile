FROM debian:12
RUN apt-get update && apt-get install -y wget libnss3 \
    && wget -q https://example.com/tool.deb && (dpkg -i tool.deb || apt-get install -fy) \
    && rm tool.deb && rm -rf /var/lib/apt/lists/*
