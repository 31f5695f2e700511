FROM alpine:3.19
WORKDIR /src
RUN ( cd /tmp && wget -q https://example.org/x.tgz ) && \
    tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz
