FROM debian:12
RUN apt-get update \
    && apt-get install -y gcc \
    && make \
    && make install \
    && apt-get purge -y gcc
