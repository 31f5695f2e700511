FROM debian:12
RUN apt-get update && apt-get install -y git make gcc
RUN git clone --depth 1 https://github.com/example/project.git /src && make -C /src
