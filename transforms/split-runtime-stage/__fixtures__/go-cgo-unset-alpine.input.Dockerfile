# cgo not set, no C compiler on Alpine: Go 1.20+ builds without cgo, the binary is static; nothing is added.
FROM golang:1.22-alpine
WORKDIR /src
COPY go.mod go.sum ./
COPY *.go ./
RUN go build -o /usr/local/bin/api .
USER 1000
CMD ["api"]
