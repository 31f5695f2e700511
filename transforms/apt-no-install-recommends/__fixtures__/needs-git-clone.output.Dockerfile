FROM debian:12
RUN apt-get update && apt-get install --no-install-recommends -y git make gcc ca-certificates
RUN git clone --depth 1 https://github.com/example/project.git /src && make -C /src
