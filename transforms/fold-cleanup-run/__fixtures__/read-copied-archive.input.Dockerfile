FROM debian:12
COPY app.tgz /tmp/app.tgz
RUN tar -xzf /tmp/app.tgz -C /opt
RUN rm -f /tmp/app.tgz
