# wget was installed on line 3; line 4 only uses it, so removing it after line 4 frees nothing there.
FROM registry.example.com/base/debian:12
RUN apt-get update && apt-get install -y wget && rm -rf /var/lib/apt/lists/*
RUN wget -q https://example.com/app.deb && dpkg -i app.deb && rm app.deb
RUN apt-get remove --purge -y wget
