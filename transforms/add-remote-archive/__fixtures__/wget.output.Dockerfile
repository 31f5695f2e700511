FROM alpine:3.19
RUN apk add --no-cache wget
RUN wget -q -O "/tmp/tool.tgz" "https://example.org/tool-${VERSION}.tgz" \
    && tar -xzf /tmp/tool.tgz -C /usr/local \
    && rm /tmp/tool.tgz
