# cgo not set, no C compiler on Alpine: Go 1.20+ builds without cgo, the binary is static; nothing is added.
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
COPY *.go ./
RUN go build -ldflags="-s -w" -o /usr/local/bin/api .

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /src
COPY --from=build /usr/local/bin/api /usr/local/bin/api
USER 1000
CMD ["api"]
