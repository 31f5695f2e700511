FROM debian:12 AS fetch
RUN curl -fsSL -o /tmp/app.tgz https://example.org/app.tgz && tar -xzf /tmp/app.tgz -C /opt
RUN rm -f /tmp/app.tgz

FROM debian:12-slim
COPY --from=fetch /opt /opt
