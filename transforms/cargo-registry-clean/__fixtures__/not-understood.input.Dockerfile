FROM rust:1.75
RUN ["cargo", "install", "ripgrep"]
RUN <<EOF
cargo install fd-find
EOF
