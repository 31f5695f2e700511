FROM debian:12
RUN ["make"]
RUN rm -rf /tmp/build
