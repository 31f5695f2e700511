FROM debian:12
RUN apt-get update \
    && apt-get install -y build-essential \
    && make
ENV APP_HOME=/app
LABEL org.opencontainers.image.title=x
# drop the build tree
RUN rm -rf /usr/src/app/build /var/lib/apt/lists/*
CMD ["app"]
