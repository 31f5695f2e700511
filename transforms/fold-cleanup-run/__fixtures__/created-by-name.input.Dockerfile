FROM debian:12
RUN curl -fsSLO https://example.org/app-1.0.tar.gz && tar xzf app-1.0.tar.gz
RUN rm app-1.0.tar.gz
