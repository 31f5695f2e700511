FROM debian:trixie-slim
ARG SRC=https://example.com/src.tar.gz
RUN apt-get update && apt-get install -y curl && curl -fsSLo /src.tgz ${SRC}
