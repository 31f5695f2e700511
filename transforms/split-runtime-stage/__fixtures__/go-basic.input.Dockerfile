# Fat image: the Go toolchain ships with the binary.
FROM golang:1.19
WORKDIR /go/src/app
COPY go.mod go.sum ./
COPY *.go ./
RUN go mod download && go build -o /usr/local/bin/server .
# the service port
EXPOSE 8080
CMD server --port 8080
