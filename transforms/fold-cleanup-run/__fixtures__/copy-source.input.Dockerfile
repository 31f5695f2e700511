FROM debian:12
RUN cp /tmp/tool /usr/local/bin/tool && chmod +x /usr/local/bin/tool
RUN rm -f /tmp/tool
