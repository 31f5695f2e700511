FROM debian:12
COPY app.tgz /opt/
RUN cd /opt && tar -xzf app.tgz
RUN rm /opt/app.tgz
