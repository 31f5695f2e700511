# cgo not set and gcc installed on Alpine: cgo is on and links musl, which distroless lacks: not split.
FROM golang:1.22-alpine
RUN apk add --no-cache gcc
WORKDIR /src
COPY go.mod go.sum ./
COPY *.go ./
RUN go build -o /usr/local/bin/api .
CMD ["api"]
