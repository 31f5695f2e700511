FROM debian:12
RUN curl -fsSL -o /tmp/app.tgz https://example.org/app.tgz && tar -xzf /tmp/app.tgz -C /opt && \
    rm -f /tmp/app.tgz
