# Fat image: the Go toolchain ships with the binary.
FROM golang:1.19 AS build
WORKDIR /go/src/app
COPY go.mod go.sum ./
COPY *.go ./
RUN go mod download && go build -ldflags="-s -w" -o /usr/local/bin/server .

FROM gcr.io/distroless/base-debian12:latest
WORKDIR /go/src/app
COPY --from=build /usr/local/bin/server /usr/local/bin/server
# the service port
EXPOSE 8080
CMD ["server", "--port", "8080"]
