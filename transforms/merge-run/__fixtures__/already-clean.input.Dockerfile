FROM debian:12
RUN echo clean && apt-get clean
