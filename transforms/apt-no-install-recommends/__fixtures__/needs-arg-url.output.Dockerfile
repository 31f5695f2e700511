FROM debian:trixie-slim
ARG SRC=https://example.com/src.tar.gz
RUN apt-get update && apt-get install --no-install-recommends -y curl ca-certificates && curl -fsSLo /src.tgz ${SRC}
