# syntax=docker/dockerfile:1.4
FROM debian:12
COPY --chmod=0755 bin/ /opt/tool/bin/
RUN chmod 0755 /opt/tool/bin
