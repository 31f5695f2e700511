# dpkg -i resolves nothing: a Chrome dependency that only a Recommends brought in would be missing.
FROM debian:12
RUN apt-get update && apt-get install -y wget libnss3 libxss1 fonts-liberation \
    && wget -q https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
    && dpkg -i google-chrome-stable_current_amd64.deb \
    && rm google-chrome-stable_current_amd64.deb && rm -rf /var/lib/apt/lists/*
