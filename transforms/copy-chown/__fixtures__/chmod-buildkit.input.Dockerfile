# syntax=docker/dockerfile:1.4
FROM debian:12
COPY bin/ /opt/tool/bin/
RUN chmod -R 0755 /opt/tool/bin
