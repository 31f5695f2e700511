FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl
COPY install-more.sh /
RUN /install-more.sh
