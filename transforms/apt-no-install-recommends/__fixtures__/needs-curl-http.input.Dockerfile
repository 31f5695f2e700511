# plain http without -L: curl does not follow a redirect to https, no certificates needed
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && curl -o /tmp/x.tgz http://example.com/x.tgz
RUN curl -k -o /tmp/y.tgz https://example.com/y.tgz
