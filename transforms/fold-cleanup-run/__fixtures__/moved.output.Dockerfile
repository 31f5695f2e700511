FROM debian:12
RUN apt-get update \
    && apt-get install -y build-essential \
    && make \
# drop the build tree
    && rm -rf /usr/src/app/build /var/lib/apt/lists/*
ENV APP_HOME=/app
LABEL org.opencontainers.image.title=x
CMD ["app"]
