# `server` is neither copied nor a path: distroless would not find it.
FROM golang:1.22
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/app
ENTRYPOINT ["server"]
