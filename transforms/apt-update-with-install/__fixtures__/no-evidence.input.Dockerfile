FROM my-registry/base-with-lists:1
RUN apt-get install -y --no-install-recommends curl
