FROM debian:12
RUN useradd app
RUN wget -q -O /tmp/tool.tgz https://example.org/tool.tgz && \
    tar xzf /tmp/tool.tgz -C /opt && rm /tmp/tool.tgz
CMD ["/opt/tool/bin/tool"]
