FROM alpine:3.19
RUN apk add --no-cache wget
ADD https://example.org/tool-${VERSION}.tgz /tmp/tool.tgz
RUN tar -xzf /tmp/tool.tgz -C /usr/local \
    && rm /tmp/tool.tgz
