FROM node:20
ENV NODE_ENV=production
WORKDIR /app
COPY package*.json ./
RUN npm ci

FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
RUN npm install --only=production
RUN NODE_ENV=production npm install
RUN npm install express

FROM node:20
ARG NODE_ENV
WORKDIR /app
COPY package*.json ./
RUN npm ci
RUN npm install -g

FROM node:20 AS development
WORKDIR /app
COPY package*.json ./
RUN npm ci
CMD ["npm", "start"]
