FROM debian:bookworm
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates wget; \
	wget --version; \
	rm -rf /var/lib/apt/lists/*
