FROM registry.example.com/base/debian:12
RUN apt-get update && apt-get install -y wget && wget -q https://example.com/app.deb && dpkg -i app.deb && rm app.deb && \
    apt-get remove --purge -y wget
