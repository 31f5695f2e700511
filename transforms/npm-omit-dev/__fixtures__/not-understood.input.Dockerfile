FROM node:20
WORKDIR /app
COPY package*.json ./
RUN ["npm", "ci"]
RUN <<EOF
npm ci
EOF
RUN su node -c "npm install"

FROM ubuntu:22.04
RUN apt-get update && apt-get install -y npm
WORKDIR /app
COPY package*.json ./
RUN npm install
