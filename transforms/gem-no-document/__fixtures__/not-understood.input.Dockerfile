FROM debian:bookworm
RUN ["gem", "install", "bundler"]
RUN <<EOF
gem install bundler
EOF
RUN sh -c "gem install bundler"
