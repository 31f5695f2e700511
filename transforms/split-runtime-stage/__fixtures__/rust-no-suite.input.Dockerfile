FROM rust:1.75
WORKDIR /usr/src/app
COPY . .
RUN cargo install --path .
CMD ["myapp"]
