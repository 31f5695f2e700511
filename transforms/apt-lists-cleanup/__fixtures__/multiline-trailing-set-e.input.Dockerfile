FROM debian:bookworm
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	wget --version
